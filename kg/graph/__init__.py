"""networkx views of the store: the projection drawn by `kg viz`, focused views, topics, analytics."""
