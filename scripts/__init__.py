"""Scripts of the repository: the offline bundle builder and the mutation score."""
