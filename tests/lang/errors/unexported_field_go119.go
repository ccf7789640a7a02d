// ERROR 10:8: t.wall undefined (type time.Time has no field or method wall)
// GO 1.19
// VERIFIED go build go1.19.8
package main

import "time"

func main() {
	var t time.Time
	_ = t.wall
}
