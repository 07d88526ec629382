# The staff's pages (/beheer): turnout, reminders, representativeness so far.
