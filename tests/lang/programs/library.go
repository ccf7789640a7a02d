package main

import (
	"fmt"
	"math/rand"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

func main() {
	start := time.Now()
	rand.Seed(1)
	r := rand.New(rand.NewSource(42))
	x := r.Intn(100) + rand.Intn(10)
	old := debug.SetGCPercent(50)
	debug.SetMemoryLimit(64 << 20)
	debug.FreeOSMemory()
	time.Sleep(10 * time.Millisecond)
	d := time.Since(start)
	fmt.Printf("%d %d %v %s\n", x, old, d.Seconds(), d)
	fmt.Println(runtime.NumGoroutine(), strconv.FormatInt(int64(x), 16), strconv.Quote("a"))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(&ms)
	s := fmt.Sprintf("%v", ms.BySize[3].Size)
	e := fmt.Errorf("bad %d", 1)
	fmt.Println(s, e.Error(), e != nil, time.Duration(1500)*time.Microsecond)
	n, err := strconv.ParseInt("ff", 16, 64)
	_ = n
	_ = err
	print(1, "x\n")
	println(2)
}
