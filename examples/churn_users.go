// map[string]*User churn at 12k entries: the classic GC-pressure story.
// A cache keyed by user name holds 12,000 users; every round replaces
// 1,000 of them. Each replacement allocates a new *User and a new key
// string, and the old ones become garbage that only the GC can reclaim.
//
// What to look for: NumGC climbing while the map's size stays constant;
// HeapAlloc saw-toothing between the GC trigger and the live heap; the map's
// bucket array (B = 11) keeping its size after warm-up, while overflow
// buckets accumulate as freed slots and new keys land in different buckets.
type User struct {
	ID    int
	Name  string
	Score int64
}

users := make(map[string]*User)
for i := 0; i < 12000; i++ {
	name := "user" + strconv.Itoa(i)
	users[name] = &User{ID: i, Name: name}
}
next := 12000
for round := 0; round < 300; round++ {
	for j := 0; j < 1000; j++ {
		delete(users, "user"+strconv.Itoa(next-12000))
		name := "user" + strconv.Itoa(next)
		users[name] = &User{ID: next, Name: name}
		next++
	}
}
var ms runtime.MemStats
runtime.ReadMemStats(&ms)
fmt.Println("users:", len(users), "GCs:", ms.NumGC, "HeapAlloc:", ms.HeapAlloc)
