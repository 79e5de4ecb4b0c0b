{
  "targets": [
    {
      "target_name": "ogp_sha256",
      "sources": ["sha256.c"],
      "cflags": ["-O3", "-Wall", "-Wextra", "-Wno-deprecated-declarations"]
    }
  ]
}
