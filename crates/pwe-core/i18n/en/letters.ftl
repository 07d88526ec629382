# The letters and paper forms (PDF and the merge file).
