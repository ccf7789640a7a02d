package main

import (
	"fmt"
	"runtime"
)

type User struct {
	ID   int
	Name string
	Tags [4]string
}

func main() {
	m := make(map[int]*User, 100)
	for i := 0; i < 1000; i++ {
		m[i] = &User{ID: i, Name: fmt.Sprint("u", i)}
	}
	for k := range m {
		if k%2 == 0 {
			delete(m, k)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println(len(m), ms.HeapAlloc, ms.NumGC)
	runtime.GC()
	v, ok := m[3]
	if ok {
		fmt.Println(v.Name, v.Tags[0])
	}
}
