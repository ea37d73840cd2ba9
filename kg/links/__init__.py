"""Cross-article claim links (same claim, contradiction), kept in a derived graph and refreshed
incrementally through an index file beside the store."""
