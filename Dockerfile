# dify-weave-backfill as an image: `docker build -t dify-weave-backfill .`, then
#   docker run --rm --env-file backfill.env dify-weave-backfill migrate --dry-run
# Stage 1 builds the jar with the wrapper and extracts it into Spring Boot's layers (dependencies change
# rarely, the application often: only its layer is rebuilt and pushed). Stage 2 runs it on Java 25's JRE
# (the jar is built for Java 17; the tests pass on both) as a non-root user, with an ahead-of-time cache made
# by one `demo` run at build time (embedded PostgreSQL, no network): Java 25's successor of the class-data-
# sharing archive, classes loaded and linked before the first run. An empty cron `sync` starts in 1.1-1.7 s,
# against 1.8-2.2 s with Java 17's archive and about 3.5 s with neither (docs/performance.md#start-up).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY sql/ sql/
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/dify-weave-backfill.jar extract --layers --destination /extracted \
 && mkdir -p /extracted/snapshot-dependencies   # empty unless a SNAPSHOT dependency; COPY needs it

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 backfill \
 && useradd --system --uid 10001 --gid backfill --home-dir /app --shell /usr/sbin/nologin backfill \
 && mkdir -p /app/var /app/cds && chown backfill:backfill /app/var /app/cds
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY jobs/ jobs/
USER 10001:10001
RUN java -XX:+UseParallelGC -XX:NewRatio=1 -XX:AOTCacheOutput=/app/cds/app.aot \
      -jar dify-weave-backfill.jar demo --export-dir=/tmp/cds-training \
 && rm -rf /tmp/cds-training /app/var/*
# The parallel collector: a batch job wants throughput, not G1's short pauses (docs/performance.md: 12-22 % less wall
# time than G1 for a 379,194-call dry run on 2 cores); a young generation half the heap (NewRatio=1): a third fewer
# collections, 4-6 % less wall time
ENTRYPOINT ["java", "-XX:AOTCache=/app/cds/app.aot", "-XX:+UseParallelGC", "-XX:NewRatio=1", "-XX:MaxRAMPercentage=75", "-jar", "/app/dify-weave-backfill.jar"]
CMD ["--help"]
