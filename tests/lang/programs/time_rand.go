package main

import (
	"fmt"
	"math/rand"
	"runtime"
	"time"
)

func main() {
	n := 5
	d := time.Duration(n) * time.Millisecond
	time.Sleep(100)
	time.Sleep(d)
	s := []int{1, 2, 3}
	fmt.Println(rand.Intn(len(s)), d.Seconds(), d.Milliseconds(), time.Second/2)
	runtime.GC()
}
