print("hotline-stress: not written yet")
