# The research report and the participation report (pwe-analysis).
