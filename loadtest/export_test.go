package loadtest

// WithPacer returns cfg with its open loop's people woken by a pacer, as
// where each cannot have a timer of its own.
func WithPacer(cfg Config) Config {
	cfg.pacer = true
	return cfg
}
