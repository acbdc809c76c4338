// Package flows holds carebot's built-in care flows, embedded in the binary.
package flows

import "embed"

// FS holds the built-in flow files: common.yaml and one file per flow.
// Support leads edit these files; `carebot flows validate flows/` checks them.
//
//go:embed *.yaml tests/*.yaml
var FS embed.FS
