# One image per service: docker build --build-arg SERVICE=intake-service .
# The build stage is the same for every service, so it is built once and cached.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl intake-service,review-service,reporting-service,identity-service -am package

# the runtime base pinned by digest: the same reference as ler.image.base in pom.xml, which the
# Jib images use (ops/check-deploy.sh checks that they agree); where it comes from and how to
# move it: the comment there
FROM eclipse-temurin:17-jre@sha256:c6f2875c05ea10f16398bdc5f73405c384991506f2f1ead8bcc6582ae8adea79
ARG SERVICE
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/app.jar
# a volume mounted here starts out writable by the service's user (the identity provider
# keeps its generated signing key there)
RUN mkdir -p /var/lib/ler && chown 10001 /var/lib/ler
USER 10001
# heap = half the container's memory limit, the rest for measured non-heap, no cached temporary
# direct buffer above 256 KB per thread (docs/scaling.md);
# in the environment, not on the command line, so a deployment's JAVA_TOOL_OPTIONS replaces it
# (a command-line flag would win over JAVA_TOOL_OPTIONS)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=262144"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
