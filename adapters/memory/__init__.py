"""In-memory adapters for every port: the offline and test implementations.

They deep-copy on every read and write so callers can never lean on shared references.
"""
