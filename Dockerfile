# One image per service: docker build --build-arg SERVICE=intake-service .
# The build stage is the same for every service, so it is built once and cached.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl intake-service,review-service,reporting-service -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/app.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
