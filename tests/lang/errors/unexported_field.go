// ERROR 9:8: t.wall undefined (cannot refer to unexported field wall)
// VERIFIED go build go1.26.8
package main

import "time"

func main() {
	var t time.Time
	_ = t.wall
}
