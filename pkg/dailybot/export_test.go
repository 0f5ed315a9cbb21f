package dailybot

// ListOperations returns the gendailybot.Paging keys the typed List methods
// page with.
func ListOperations() []string {
	keys := make([]string, len(listOperations))
	for i, op := range listOperations {
		keys[i] = string(op)
	}
	return keys
}

// ListPaging runs the typed lists' paging setup for the operation key.
func ListPaging(c *Client, key string, o ListOptions) error {
	_, err := c.listPaging(listOperation(key), o)
	return err
}
