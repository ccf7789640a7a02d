# The benchmark workloads (issue 9): one Go snippet each, run unchanged by
# real Go, the native CLI and the wasm module.
# shellcheck shell=bash
declare -A WORKLOAD
WORKLOAD[int64_insert_delete]='m := make(map[int64]int64)
for i := int64(0); i < 1000000; i++ {
	m[i] = i
}
for i := int64(0); i < 1000000; i++ {
	delete(m, i)
}
fmt.Println(len(m))'
WORKLOAD[churn_users]='type User struct {
	ID    int64
	Name  string
	Score int64
}
m := make(map[int64]*User)
for i := int64(0); i < 500000; i++ {
	m[i%20000] = &User{ID: i, Score: i * 3}
}
fmt.Println(len(m))'
WORKLOAD[string_keys]='m := make(map[string]int)
for i := 0; i < 200000; i++ {
	m["key-"+strconv.Itoa(i)] = i
}
n := 0
for i := 0; i < 200000; i++ {
	n += m["key-"+strconv.Itoa(i)]
}
fmt.Println(len(m), n)'
