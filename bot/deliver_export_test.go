package bot

// MarkPending reports whether d keeps the mark of a's last burst pending
// (see DelivererConfig.Flush): its delivery of a is over, the mark not
// written yet.
func MarkPending(d *Deliverer, a Address) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pending[a] != nil
}

// ShuttingDown reports whether d's Shutdown began.
func ShuttingDown(d *Deliverer) bool { return d.stopping() }
