"""Connected components of the verified edges, each labelled by its smallest story id.

Two ways to the same labels. When the edges fit on the driver (`driver_edges`, 5
million by default: two int64 columns, 80 MB, and a union-find over at most twice
as many nodes), they are collected as Arrow and joined by the local engine's
union-find (`cluster.components`). Beyond that, the large-star/small-star
algorithm of Kiveris et al. ("Connected Components in MapReduce and Beyond",
SoCC 2014) runs as DataFrame joins: each round links every node to the smallest
node it can see, and after O(log² n) rounds every component is a star around its
smallest node. Either way a label depends only on the edges, never on partitioning
or on the order rows arrive in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .cluster import components

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

DRIVER_EDGES = 5_000_000
Ids = npt.NDArray[np.int64]


def labels_of(a: Ids, b: Ids) -> tuple[Ids, Ids]:
    """(node, label) for every node of the edges (a[i], b[i]): the label is the smallest
    node of its component. Union-find over the nodes renumbered densely in id order."""
    nodes, dense = np.unique(np.concatenate([a, b]), return_inverse=True)
    pairs = list(zip(dense[: a.size].tolist(), dense[a.size :].tolist(), strict=True))
    label = np.empty(nodes.size, dtype=np.int64)
    for members in components(int(nodes.size), pairs):
        label[members] = nodes[members[0]]
    return nodes, label


def driver_labels(spark: SparkSession, edges: DataFrame) -> DataFrame:
    """(node, component) of the edges (a, b), computed on the driver."""
    import pyarrow as pa

    table = edges.select("a", "b").toArrow()
    a = table.column("a").to_numpy().astype(np.int64)
    b = table.column("b").to_numpy().astype(np.int64)
    nodes, label = labels_of(a, b)
    return spark.createDataFrame(pa.table({"node": nodes, "component": label}))


def star_labels(edges: DataFrame, *, max_rounds: int = 200) -> DataFrame:
    """(node, component) of the edges (a, b), by large-star and small-star rounds in Spark.

    Edges are kept as (src, dst) with src > dst. Large-star links each node's larger
    neighbours to the smallest node of its neighbourhood; small-star links each node and
    its smaller neighbours to the smallest of them. Both keep the components and lower
    the labels; the rounds stop when every node has a single link, to a node that has
    none (a star around the component's smallest node).
    """
    from pyspark.sql import functions as F

    src, dst = F.col("src"), F.col("dst")
    graph = _checkpoint(
        edges.select(F.greatest("a", "b").alias("src"), F.least("a", "b").alias("dst"))
        .where(src != dst)
        .distinct()
    )
    for _ in range(max_rounds):
        graph = _checkpoint(_small_star(_large_star(graph)))
        if _is_star(graph):
            break
    else:  # pragma: no cover - O(log² n) rounds suffice; this would be a bug
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
    nodes = graph.select(src.alias("node"), dst.alias("component"))
    roots = graph.select(dst.alias("node"), dst.alias("component"))
    return nodes.unionByName(roots).distinct()


def _large_star(graph: DataFrame) -> DataFrame:
    """Each node u links its neighbours larger than u to m(u), the smallest of u and its
    neighbours."""
    from pyspark.sql import functions as F

    both = graph.unionByName(graph.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    smallest = both.groupBy("src").agg(F.min("dst").alias("m"))
    return (
        both.join(smallest, "src")
        .where(F.col("dst") > F.col("src"))
        .select(F.col("dst").alias("src"), F.least("m", "src").alias("dst"))
        .distinct()
    )


def _small_star(graph: DataFrame) -> DataFrame:
    """Each node u links itself and its neighbours smaller than u to m(u), the smallest of
    them (edges are kept src > dst, so u's smaller neighbours are its dst)."""
    from pyspark.sql import functions as F

    smallest = graph.groupBy("src").agg(F.min("dst").alias("m"))
    linked = graph.join(smallest, "src").select(F.col("dst").alias("src"), F.col("m").alias("dst"))
    own = smallest.select("src", F.col("m").alias("dst"))
    return linked.where(F.col("src") != F.col("dst")).unionByName(own).distinct()


def _is_star(graph: DataFrame) -> bool:
    """Whether every node links to one node only, and that node links to none."""
    from pyspark.sql import functions as F

    forked = graph.groupBy("src").agg(F.count("dst").alias("n")).where(F.col("n") > 1)
    if not forked.isEmpty():
        return False
    chained = graph.join(graph.select(F.col("src").alias("dst")).distinct(), "dst")
    return chained.isEmpty()


def _checkpoint(graph: DataFrame) -> DataFrame:
    """Materialise a round's edges and cut its lineage, so that rounds do not pile up plans;
    to the checkpoint folder when one is set (safe against losing an executor)."""
    if graph.sparkSession.sparkContext.getCheckpointDir():
        return graph.checkpoint(eager=True)
    return graph.localCheckpoint(eager=True)


def component_labels(
    spark: SparkSession, edges: DataFrame, count: int, *, driver_edges: int = DRIVER_EDGES
) -> DataFrame:
    """(node, component) of the `count` verified edges (a, b): on the driver when they fit."""
    if count <= driver_edges:
        return driver_labels(spark, edges)
    return star_labels(edges)
