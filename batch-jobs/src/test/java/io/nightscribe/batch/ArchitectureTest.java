package io.nightscribe.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The layering of docs/architecture.md, held by the build: which module may know which framework
 * and which other module, where the engines' and the cloud's libraries may appear, and no cycles
 * between packages. Reads the compiled main classes of every module (batch-jobs' test class path
 * has them all); test code is left out.
 */
class ArchitectureTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(new MainCodeOnly())
          .importPackages(
              "io.nightscribe.asr",
              "io.nightscribe.registry",
              "io.nightscribe.runs",
              "io.nightscribe.lifecycle",
              "io.nightscribe.scheduling",
              "io.nightscribe.spark",
              "io.nightscribe.batch");

  @Test
  void asrCoreAndTheEnginesKnowNoSpringSparkMlflowOrApplication() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.asr..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.spark..",
            "org.quartz..",
            "org.mlflow..",
            "io.nightscribe.registry..",
            "io.nightscribe.runs..",
            "io.nightscribe.lifecycle..",
            "io.nightscribe.scheduling..",
            "io.nightscribe.batch..")
        .check(PRODUCTION);
  }

  @Test
  void theRegistryClientKnowsNoApplicationFramework() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.registry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.spark..",
            "org.quartz..",
            "io.nightscribe.runs..",
            "io.nightscribe.lifecycle..",
            "io.nightscribe.scheduling..",
            "io.nightscribe.batch..")
        .check(PRODUCTION);
  }

  @Test
  void theRunCoreKnowsNoSpringBatchBootOrSparkAndNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.runs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.spark..",
            "org.quartz..",
            "io.nightscribe.lifecycle..",
            "io.nightscribe.scheduling..",
            "io.nightscribe.batch..")
        .check(PRODUCTION);
  }

  @Test
  void theSchedulersDecisionsKnowNoSpringQuartzOrSparkAndNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.scheduling..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.quartz..",
            "org.apache.spark..",
            "io.nightscribe.lifecycle..",
            "io.nightscribe.batch..")
        .check(PRODUCTION);
  }

  @Test
  void sparkStaysInTheSparkApplication() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(PRODUCTION);
  }

  @Test
  void theSparkApplicationIsAShellOverTheRunCoreThatOnlyASubmissionStarts() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.quartz..",
            "io.nightscribe.lifecycle..",
            "io.nightscribe.scheduling..",
            "io.nightscribe.batch..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("ch.qos.logback..")
        .check(PRODUCTION);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.nightscribe.spark..")
        .check(PRODUCTION);
  }

  @Test
  void quartzStaysInTheSchedulerServicesGlue() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.batch.scheduler..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.quartz..")
        .check(PRODUCTION);
  }

  @Test
  void modelOperationsKnowNoSpringAndNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.lifecycle..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.spark..",
            "io.nightscribe.scheduling..",
            "io.nightscribe.batch..")
        .check(PRODUCTION);
  }

  @Test
  void springBatchStaysInTheJobShellAndItsWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.nightscribe.batch.job..", "io.nightscribe.batch.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.batch..")
        .check(PRODUCTION);
  }

  @Test
  void renderingKubernetesManifestsNeedsNoSpringAndNoCommand() {
    noClasses()
        .that()
        .resideInAPackage("io.nightscribe.batch.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.nightscribe.batch.cli..",
            "io.nightscribe.batch.config..",
            "io.nightscribe.batch.job..")
        .check(PRODUCTION);
  }

  @Test
  void engineLibrariesStayInTheirEngines() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.nightscribe.asr.engine.djl..",
            "io.nightscribe.asr.acoustic..",
            "io.nightscribe.asr.training..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.djl..")
        .check(PRODUCTION);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.asr.engine.vosk..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.vosk..")
        .check(PRODUCTION);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.asr.vad.silero..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.onnxruntime..")
        .check(PRODUCTION);
  }

  @Test
  void theAwsSdkStaysBehindTheStorageInterface() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.asr.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon.awssdk..")
        .check(PRODUCTION);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("io.nightscribe.(**)").should().beFreeOfCycles().check(PRODUCTION);
  }

  @Test
  void noStaticMutableState() {
    fields().that().areStatic().should().beFinal().check(PRODUCTION);
  }

  @Test
  void configurationPropertiesLiveOnlyInTheApplicationsWiring() {
    classes()
        .that()
        .areAnnotatedWith(ConfigurationProperties.class)
        .should()
        .resideInAPackage("io.nightscribe.batch.config..")
        .check(PRODUCTION);
  }

  @Test
  void onlyTheApplicationKnowsSpring() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nightscribe.batch..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(PRODUCTION);
  }

  /** Main classes only: neither test classes nor the test jars some modules publish. */
  private static final class MainCodeOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }
}
