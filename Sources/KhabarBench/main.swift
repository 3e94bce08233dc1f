// Benchmarks (release build): see README. Filled in below.
print("khabar-bench")
