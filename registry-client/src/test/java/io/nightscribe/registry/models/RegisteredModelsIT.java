package io.nightscribe.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.ModelVersion;
import io.nightscribe.testsupport.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering packages in a real MLflow registry and resolving them back through aliases. */
class RegisteredModelsIT {
  @TempDir Path workDir;

  private final MlflowClient mlflow =
      MlflowClient.create(MlflowServer.shared().trackingUri(), null);
  private final String name = "asr-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRegisteredPackageComesBackByAliasWithItsFilesAndDigest() throws Exception {
    ModelPackage original = writePackage(workDir.resolve("v1"), "first weights");
    RegisteredModels models = models(workDir.resolve("cache"));

    ModelVersion version = models.register(original, name, Optional.of("challenger"));
    ModelPackage resolved =
        models.resolve(RegistryReference.parse("models:/" + name + "@challenger").orElseThrow());

    assertThat(version.version()).isEqualTo("1");
    assertThat(version.aliases()).containsExactly("challenger");
    assertThat(version.tags()).containsEntry(RegisteredModels.SHA256_TAG, original.sha256());
    assertThat(resolved.sha256()).isEqualTo(original.sha256());
    assertThat(resolved.name()).isEqualTo(name);
    assertThat(resolved.version()).isEqualTo("1");
    assertThat(resolved.directory()).startsWith(workDir.resolve("cache"));
    assertThat(Files.readString(resolved.directory().resolve("weights/layer.bin")))
        .isEqualTo("first weights");
  }

  @Test
  void anAliasFollowsTheNewestRegistrationAndAnExactVersionStays() throws Exception {
    RegisteredModels models = models(workDir.resolve("cache"));
    ModelPackage first = writePackage(workDir.resolve("v1"), "first weights");
    ModelPackage second = writePackage(workDir.resolve("v2"), "second weights");
    models.register(first, name, Optional.of("champion"));
    models.register(second, name, Optional.of("champion"));

    assertThat(
            models
                .resolve(RegistryReference.parse("models:/" + name + "@champion").orElseThrow())
                .sha256())
        .isEqualTo(second.sha256());
    assertThat(models.resolve(RegistryReference.exact(name, "1")).sha256())
        .isEqualTo(first.sha256());
  }

  @Test
  void aMissingAliasAndATamperedCacheAreRefusedWithTheFix() throws Exception {
    Path cache = workDir.resolve("cache");
    RegisteredModels models = models(cache);
    ModelPackage original = writePackage(workDir.resolve("v1"), "first weights");
    models.register(original, name, Optional.of("challenger"));

    assertThatThrownBy(
            () ->
                models.resolve(
                    RegistryReference.parse("models:/" + name + "@champion").orElseThrow()))
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("has no such alias");

    ModelPackage cached = models.resolve(RegistryReference.exact(name, "1"));
    Files.writeString(cached.directory().resolve("weights/layer.bin"), "tampered");
    assertThatThrownBy(() -> models(cache).resolve(RegistryReference.exact(name, "1")))
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("sha256 mismatch")
        .hasMessageContaining("delete " + cached.directory());
  }

  private RegisteredModels models(Path cache) {
    return new RegisteredModels(mlflow, new ModelPackageCache(cache), Clock.systemUTC());
  }

  private static ModelPackage writePackage(Path folder, String weights) throws Exception {
    Files.createDirectories(folder.resolve("weights"));
    Files.writeString(folder.resolve("weights/layer.bin"), weights);
    ModelPackages.writeDescriptor(
        folder, new ModelDescriptor("djl", "torchscript", 16000, Map.of()));
    return ModelPackages.load(folder);
  }
}
