#!/bin/sh
# A Spark executor in nightscribe's image. Spark on Kubernetes starts each executor pod with the argument "executor"
# and its settings in SPARK_* variables; Spark's own image turns them into a KubernetesExecutorBackend in its
# entrypoint.sh, and this script does the same with the Spark jars and the nightscribe Spark application the image
# carries under /opt/nightscribe/spark/app (see scripts/image.sh). The executor pod template names it as command.
set -eu
[ "${1:-}" = executor ] || { echo "executor.sh: expected the argument 'executor' (got '${1:-}')" >&2; exit 2; }
app=/opt/nightscribe/spark/app
# Spark passes the executor's JVM options as SPARK_JAVA_OPT_0, SPARK_JAVA_OPT_1, ... in order
java_options="$(env | grep '^SPARK_JAVA_OPT_' | sort -t_ -k4 -n | sed 's/^[^=]*=//' | tr '\n' ' ')"
# shellcheck disable=SC2086
exec java $java_options -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" \
  -cp "$(cat "$app/runtime.classpath"):$app/spark-inference.jar:$(cat "$app/application.classpath")" \
  org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
  --driver-url "$SPARK_DRIVER_URL" --executor-id "$SPARK_EXECUTOR_ID" --cores "$SPARK_EXECUTOR_CORES" \
  --app-id "$SPARK_APPLICATION_ID" --hostname "$SPARK_EXECUTOR_POD_IP" \
  --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" --podName "$SPARK_EXECUTOR_POD_NAME"
