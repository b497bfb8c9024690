"""The public-data edition built from data.police.uk files.

Its own chapters, honest about what public data cannot show.
"""
