package redistest

import (
	"os/exec"
	"syscall"
)

// killWithParent makes the kernel kill redis-server if the test binary dies
// (go test -timeout, a crash), so no server outlives its test.
func killWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
