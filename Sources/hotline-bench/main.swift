print("hotline-bench: not written yet")
