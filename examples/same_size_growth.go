// Same-size growth from a sliding window.
// A window of 3,200 keys slides forward: insert 100 new keys, delete the
// 100 oldest, repeat. The count never crosses the load factor for B = 9,
// but the deletions leave holes in some buckets while the insertions
// overflow others, so overflow buckets accumulate until there are as many
// as buckets (tooManyOverflowBuckets). The map then "grows" to the same
// size, evacuating every entry into a fresh, densely packed array.
//
// What to look for: B stays 9 while noverflow climbs to 512; a same-size
// grow event; the old array freed when evacuation completes.
m := make(map[int]int)
for i := 0; i < 3200; i++ {
	m[i] = i
}
for s := 0; s < 800; s++ {
	for i := 3200 + 100*s; i < 3300+100*s; i++ {
		m[i] = i
	}
	for i := 100 * s; i < 100*s+100; i++ {
		delete(m, i)
	}
}
fmt.Println("entries:", len(m))
