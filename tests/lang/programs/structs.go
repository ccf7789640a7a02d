package main

import "fmt"

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Label    string `json:"label"`
}

type Grid [3][3]byte

func area(r Rect) int {
	return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y)
}

func main() {
	r := Rect{Min: Point{1, 2}, Max: Point{X: 4, Y: 6}}
	rp := &r
	rp.Max.X = 10
	pts := []Point{{1, 2}, {3, 4}}
	pps := []*Point{{5, 6}}
	m := map[Point]string{{1, 2}: "a"}
	var g Grid
	g[1][1] = 'x'
	anon := struct {
		a int
		b string
	}{1, "x"}
	fmt.Println(area(r), pts[1].X, pps[0].Y, m[Point{1, 2}], g, anon.b, r == Rect{}, Point{1, 2} == pts[0])
	p := new(Point)
	p.X = 3
	q := *p
	q.Y = 4
	fmt.Println(*p, q)
}
