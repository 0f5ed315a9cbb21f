package dailybot

// Params structs use plain values where the zero value is never worth sending
// (an empty id, date or list, a 0 limit) and pointers where it is (false, 0,
// "" in an update). These turn the plain zero values into "not sent".

// Ptr returns a pointer to v, for the optional pointer fields of params
// structs: dailybot.Ptr(true), dailybot.Ptr(2).
func Ptr[T any](v T) *T { return &v }

// optInt sends v unless it is 0.
func optInt(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

// optBool sends true only; false is the API's default where it is used.
func optBool(v bool) *bool {
	if !v {
		return nil
	}
	return &v
}

// optString sends s unless it is empty.
func optString[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	return &s
}

// optSlice sends s unless it is empty.
func optSlice[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}
