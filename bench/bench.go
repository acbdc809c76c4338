// Package bench holds the conversation scripts `carebot bench` plays,
// embedded in the binary (see loadtest.ParseScript for the format).
package bench

import "embed"

// Default is the file name, in FS, of the script played when none is given.
const Default = "order_problem.txt"

// FS holds the built-in scripts.
//
//go:embed *.txt
var FS embed.FS
