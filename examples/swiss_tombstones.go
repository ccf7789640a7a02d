// Deletes in a Swiss table (Go 1.24+): tombstones, pruning, and growth.
// Run it under both settings: "Go 1.24+: Swiss tables" (go 1.26) and
// "Go 1.19–1.23: buckets". A sliding window of 400 live int64 keys churns
// through 100,000 keys.
//
// What to look for: under Swiss tables, a delete leaves a tombstone (ctrl
// 0xFE) when its group is full, so growthLeft does not come back; when it
// reaches 0 the table first prunes tombstones (Go 1.25+, only the fast
// assign paths), and grows or splits only if pruning frees too little. The
// table stays small (tombstones count, capacity and tables in the map
// summary). Under buckets, the same churn fills overflow buckets and
// triggers same-size grows instead (noverflow, "same-size grow" events).
m := make(map[int64]int64)
for i := int64(0); i < 100000; i++ {
	m[i] = i
	if i >= 400 {
		delete(m, i-400)
	}
}
fmt.Println("live:", len(m))
