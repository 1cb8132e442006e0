# Atom in a container: build with Maven on Temurin 25, run on the Temurin 25 JRE as a non-root user.
#   docker build -t atom .
#   docker run -p 8080:8080 -v atom-data:/data atom
# Data (the SQLite database, the generated master key) lives in the /data volume; see compose.yaml for PostgreSQL.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Dependencies first, in their own layer: source edits do not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
# docs/connectors.md is bundled: the Connections page shows its per-service OAuth app steps
COPY docs/connectors.md ./docs/connectors.md
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:25-jre
# curl for the health check (the image may already have it; installing is idempotent)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system atom \
    && useradd --system --gid atom --no-create-home --home-dir /data atom \
    && mkdir -p /data /app \
    && chown atom:atom /data
COPY --from=build /src/target/atom.jar /app/atom.jar
ENV ATOM_DATA_DIR=/data \
    ATOM_PORT=8080
VOLUME /data
EXPOSE 8080
USER atom
WORKDIR /data
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://localhost:${ATOM_PORT}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/atom.jar"]
