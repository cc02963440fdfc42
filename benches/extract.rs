//! Extraction throughput in bytes of text per second, on PolNeAR train read in place.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn texts() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/polnear/train.jsonl"
    );
    let data = std::fs::read_to_string(path).ok()?;
    Some(
        data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else {
        eprintln!("skipping: ../shared/eval/polnear/train.jsonl is missing");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("polnear_train", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| hearsay::extract::extract(t).attributions.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
