# The messages of the service's errors, on pages and in the API.
