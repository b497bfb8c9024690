"""Partners' data: national context, health (ED, ambulance, hidden violence) and the rest.

Fire, youth justice, probation, schools, social care and NEET, each from its own input table.
"""
