"""Faces for corpora too big for one process: the extraction as an Apache Spark job
(`hoptac.scale.spark`), its Parquet tables (`hoptac.scale.rows`) and their loading into the knowledge
base (`hoptac.scale.parquet`). Thin layers over `hoptac.ingest`, `hoptac.batch` and `hoptac.kb`;
nothing here is imported by the rest of hoptac, and PySpark is needed only by the job.
"""
