print("rtkql")
