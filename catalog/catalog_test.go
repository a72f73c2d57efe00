package catalog

import "testing"

func TestCatalogIsConsistent(t *testing.T) {
	cats := map[Category]bool{}
	for _, c := range Categories {
		cats[c.ID] = true
	}
	seen := map[string]bool{}
	for _, k := range Kinds {
		if !cats[k.Category] {
			t.Errorf("kind %s has unknown category %s", k.ID, k.Category)
		}
		if seen[k.ID] {
			t.Errorf("kind %s listed twice", k.ID)
		}
		seen[k.ID] = true
		if k.NameJA == "" || k.NameEN == "" || len(k.Labels) == 0 {
			t.Errorf("kind %s lacks names or labels", k.ID)
		}
	}
	// SPEC's table: three kinds for each opportunity, one for managers.
	per := map[Category]int{}
	for _, k := range Kinds {
		per[k.Category]++
	}
	if per[Know] != 3 || per[Challenge] != 3 || per[Learn] != 3 || per[Manager] != 1 {
		t.Errorf("kinds per category = %v", per)
	}
	if len(Builtin()) != len(Kinds) {
		t.Errorf("Builtin has %d programs for %d kinds", len(Builtin()), len(Kinds))
	}
	if a, ok := ActionByID("rejected"); !ok || a.Qualifying {
		t.Errorf("rejected = %+v, %v; a rejected application is not a use", a, ok)
	}
	if _, ok := KindByID("side_job"); !ok {
		t.Error("side_job missing")
	}
}
