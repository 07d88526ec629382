# What the command line prints for people (figures and sentences).
