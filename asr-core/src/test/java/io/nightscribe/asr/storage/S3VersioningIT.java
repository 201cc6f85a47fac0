package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.testsupport.MotoS3Server;
import io.nightscribe.testsupport.S3Endpoint;
import org.junit.jupiter.api.Test;

class S3VersioningIT {

  @Test
  void openingAnOldVersionReturnsItsBytesAfterAnOverwrite() {
    // given: a versioned bucket on moto and an object written twice
    MotoS3Server moto = MotoS3Server.shared();
    S3Endpoint endpoint = moto.endpoint();
    StorageUri uri = new StorageUri("s3", moto.createUniqueVersionedBucket("replay"), "in/a.wav");
    try (ObjectStores stores =
        ObjectStores.withS3Endpoint(
            endpoint.uri(), endpoint.accessKeyId(), endpoint.secretAccessKey())) {
      ObjectStore store = stores.forUri(uri);
      ObjectInfo first = store.write(uri, "first night".getBytes());
      ObjectInfo second = store.write(uri, "second night, longer".getBytes());

      // when
      try (SeekableObject old = store.open(uri, first.versionId().orElseThrow());
          SeekableObject current = store.open(uri)) {

        // then
        assertThat(first.versionId()).isPresent().isNotEqualTo(second.versionId());
        assertThat(old.info().versionId()).isEqualTo(first.versionId());
        assertThat(old.info().sizeBytes()).isEqualTo("first night".length());
        byte[] bytes = new byte[64];
        int read = old.read(0, bytes, 0, bytes.length);
        assertThat(new String(bytes, 0, read)).isEqualTo("first night");
        assertThat(old.sha256()).isEqualTo(Sha256.hex("first night".getBytes()));
        assertThat(current.info().versionId()).isEqualTo(second.versionId());
        assertThat(current.sha256()).isEqualTo(Sha256.hex("second night, longer".getBytes()));
      }
    }
  }
}
