#!/usr/bin/env bash
# Fetches the jars of a single-node Apache Kafka (KRaft) broker from Maven Central into a cache
# folder and prints that folder. Idempotent: a complete cache is reused as is.
# Needs Java 17+ and Maven. KAFKA_VERSION overrides the version.
set -euo pipefail
version="${KAFKA_VERSION:-4.1.1}"
cache="${REMOTEMEDIA_CACHE:-$HOME/.cache/remotemedia}/kafka-$version"
if [ -f "$cache/.complete" ]; then
  echo "$cache"
  exit 0
fi
mkdir -p "$cache"
pom="$cache/pom.xml"
cat >"$pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>remotemedia</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$version</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
  </dependencies>
</project>
POM
mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$cache/jars" >&2
touch "$cache/.complete"
echo "$cache"
