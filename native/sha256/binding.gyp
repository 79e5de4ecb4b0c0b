{
  "targets": [
    {
      "target_name": "ogp_sha256",
      "sources": ["sha256.cc"],
      "cflags": ["-O3", "-Wall", "-Wextra", "-Wno-deprecated-declarations", "-Wno-cast-function-type"]
    }
  ]
}
