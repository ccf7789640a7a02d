// ERROR 6:9: invalid BOM in the middle of the file
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1 ﻿+ 2
	_ = x
}
