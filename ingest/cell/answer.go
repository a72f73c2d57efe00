package cell

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Scale is a survey item's answer scale.
type Scale string

// The scales Answer knows.
const (
	Likert4 Scale = "likert4" // 1–4, no middle answer
	Likert5 Scale = "likert5" // 1–5
	Likert7 Scale = "likert7" // 1–7
	NPS11   Scale = "nps11"   // 0–10, net promoter score
	YesNo   Scale = "yesno"   // 1 yes, 0 no
)

// Choice is one answer on a scale: its value and the labels that mean it,
// the usual Japanese label first; the English labels follow the Japanese ones.
type Choice struct {
	Value  uint8
	Labels []string
}

// The labels of the Likert scales, highest value (most agreement) first.
// Labels match case-insensitively and ignoring spaces, after Normalize.
var (
	likert4 = []Choice{
		{4, []string{"とてもそう思う", "非常にそう思う", "強くそう思う", "Strongly agree"}},
		{3, []string{"そう思う", "ややそう思う", "どちらかといえばそう思う", "どちらかと言えばそう思う", "Agree", "Somewhat agree"}},
		{2, []string{"あまりそう思わない", "そう思わない", "ややそう思わない", "どちらかといえばそう思わない", "どちらかと言えばそう思わない", "Disagree", "Somewhat disagree"}},
		{1, []string{"全くそう思わない", "まったくそう思わない", "全然そう思わない", "Strongly disagree"}},
	}
	likert5 = []Choice{
		{5, []string{"とてもそう思う", "非常にそう思う", "強くそう思う", "Strongly agree"}},
		{4, []string{"そう思う", "ややそう思う", "どちらかといえばそう思う", "どちらかと言えばそう思う", "Agree", "Somewhat agree"}},
		{3, []string{"どちらともいえない", "どちらとも言えない", "どちらでもない", "ふつう", "普通", "Neutral", "Neither agree nor disagree"}},
		{2, []string{"そう思わない", "あまりそう思わない", "ややそう思わない", "どちらかといえばそう思わない", "どちらかと言えばそう思わない", "Disagree", "Somewhat disagree"}},
		{1, []string{"全くそう思わない", "まったくそう思わない", "全然そう思わない", "Strongly disagree"}},
	}
	likert7 = []Choice{
		{7, []string{"非常にそう思う", "とてもそう思う", "強くそう思う", "Strongly agree"}},
		{6, []string{"そう思う", "Agree"}},
		{5, []string{"ややそう思う", "どちらかといえばそう思う", "どちらかと言えばそう思う", "Somewhat agree"}},
		{4, []string{"どちらともいえない", "どちらとも言えない", "どちらでもない", "ふつう", "普通", "Neutral", "Neither agree nor disagree"}},
		{3, []string{"ややそう思わない", "あまりそう思わない", "どちらかといえばそう思わない", "どちらかと言えばそう思わない", "Somewhat disagree"}},
		{2, []string{"そう思わない", "Disagree"}},
		{1, []string{"全くそう思わない", "まったくそう思わない", "全然そう思わない", "Strongly disagree"}},
	}
)

// scale is what Answer knows of a Scale: its range, its choices and their
// labels keyed by labelKey.
type scale struct {
	lo, hi  uint8
	choices []Choice
	values  map[string]uint8
}

// scales are the scales by name.
var scales = map[Scale]*scale{
	Likert4: newScale(1, 4, likert4),
	Likert5: newScale(1, 5, likert5),
	Likert7: newScale(1, 7, likert7),
	NPS11:   newScale(0, 10, nil),
	YesNo:   newScale(0, 1, yesNoChoices()),
}

// newScale returns the scale lo–hi with choices.
func newScale(lo, hi uint8, choices []Choice) *scale {
	sc := &scale{lo: lo, hi: hi, choices: choices, values: map[string]uint8{}}
	for _, c := range choices {
		for _, l := range c.Labels {
			sc.values[labelKey(l)] = c.Value
		}
	}
	return sc
}

// yesNoChoices returns the choices of YesNo: the words of Bool.
func yesNoChoices() []Choice {
	yes, no := Choice{Value: 1}, Choice{Value: 0}
	for _, w := range boolWords {
		if w.value {
			yes.Labels = append(yes.Labels, w.word)
		} else {
			no.Labels = append(no.Labels, w.word)
		}
	}
	return []Choice{yes, no}
}

// labelKey returns the form in which labels are compared: lower case,
// without white space.
func labelKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// Range returns the lowest and highest value on s, and false if s is not a
// scale Answer knows.
func (s Scale) Range() (lo, hi uint8, ok bool) {
	sc, ok := scales[s]
	if !ok {
		return 0, 0, false
	}
	return sc.lo, sc.hi, true
}

// Choices returns the answers of s with their labels, highest value first,
// so that a message can list them. It returns nil for NPS11, which has no
// labels, and for a scale Answer does not know. The result is a copy.
func (s Scale) Choices() []Choice {
	sc, ok := scales[s]
	if !ok || sc.choices == nil {
		return nil
	}
	out := make([]Choice, len(sc.choices))
	for i, c := range sc.choices {
		out[i] = Choice{Value: c.Value, Labels: slices.Clone(c.Labels)}
	}
	return out
}

// Answer parses a survey answer on scale: a number on the scale or one of its labels,
// and returns its value: 1–4, 1–5 or 1–7 for the Likert scales (higher = more agreement),
// 0–10 for nps11, 1 (yes) or 0 (no) for yesno. A number off the scale is an error
// ("6 is outside likert5 (1–5)").
//
// A number may be written 5, ５, ⑤, 5.0 or 5点; a label may follow a number
// that agrees with it ("5: とてもそう思う", "5.とてもそう思う"). The labels are
// those of Scale.Choices; yesno takes what Bool takes.
func Answer(s string, scale Scale) (uint8, error) {
	sc, ok := scales[scale]
	if !ok {
		return 0, fmt.Errorf("cell: unknown scale %q", string(scale))
	}
	n := Normalize(s)
	if n == "" {
		return 0, emptyError(s, wantAnswer(scale))
	}
	if scale == YesNo {
		b, err := Bool(s)
		if err != nil {
			return 0, invalid(s, wantAnswer(scale), "%s", sc.help())
		}
		if b {
			return 1, nil
		}
		return 0, nil
	}
	d := digits(n)
	if d == 0 {
		v, ok := sc.values[labelKey(n)]
		if !ok {
			return 0, invalid(s, wantAnswer(scale), "%s", sc.help())
		}
		return v, nil
	}
	num := strings.TrimLeft(n[:d], "0")
	if num == "" {
		num = "0"
	}
	tail := n[d:]
	if isWholeTail(tail) {
		if len(num) > 2 || number(num) < int(sc.lo) || number(num) > int(sc.hi) {
			return 0, invalid(s, wantAnswer(scale), "%s is outside %s (%d–%d)", num, scale, sc.lo, sc.hi)
		}
		return uint8(number(num)), nil
	}
	if len(tail) > 1 && tail[0] == '.' && isDigit(tail[1]) {
		return 0, invalid(s, wantAnswer(scale), "%s is not a whole number", n)
	}
	label := strings.TrimLeft(tail, " :.)、-")
	v, ok := sc.values[labelKey(label)]
	if !ok {
		return 0, invalid(s, wantAnswer(scale), "%s", sc.help())
	}
	if len(num) > 2 || number(num) != int(v) {
		return 0, invalid(s, wantAnswer(scale), "the number %s and the label %q disagree: %q is %d on %s", num, label, label, v, scale)
	}
	return v, nil
}

// wantAnswer returns what a cell on scale should hold, for errors.
func wantAnswer(scale Scale) string {
	return "an answer on " + string(scale)
}

// isWholeTail reports whether tail, what follows the digits of an answer,
// keeps it a whole number: nothing, a fraction of zeros, or 点.
func isWholeTail(tail string) bool {
	if len(tail) > 1 && tail[0] == '.' {
		tail = strings.TrimLeft(tail[1:], "0")
	}
	tail = tail[spaces(tail):]
	return tail == "" || tail == "点"
}

// help returns the reason for text that is no answer on sc: what to write.
func (sc *scale) help() string {
	if sc.choices == nil {
		return fmt.Sprintf("write a whole number %d–%d", sc.lo, sc.hi)
	}
	if sc.lo == 0 && sc.hi == 1 {
		return "write yes as 1, yes, はい, 有 or ○, and no as 0, no, いいえ, 無 or ×"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "write a number %d–%d or a label:", sc.lo, sc.hi)
	for i, c := range sc.choices {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %d %s", c.Value, c.Labels[0])
		if j := slices.IndexFunc(c.Labels, isASCII); j >= 0 {
			fmt.Fprintf(&b, " (%s)", c.Labels[j])
		}
	}
	return b.String()
}
