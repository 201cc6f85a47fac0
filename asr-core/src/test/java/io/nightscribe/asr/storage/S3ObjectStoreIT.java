package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class S3ObjectStoreIT {
  private static final S3ProxyServer SERVER = S3ProxyServer.shared();
  private static ObjectStores stores;
  private static String bucket;

  @BeforeAll
  static void startStores() {
    S3Endpoint endpoint = SERVER.endpoint();
    stores =
        ObjectStores.withS3Endpoint(
            endpoint.uri(), endpoint.accessKeyId(), endpoint.secretAccessKey());
    bucket = SERVER.createUniqueBucket("store-it");
  }

  @AfterAll
  static void closeStores() {
    stores.close();
  }

  private static StorageUri uri(String key) {
    return new StorageUri("s3", bucket, key);
  }

  private static ObjectStore store() {
    return stores.forUri(uri("x"));
  }

  private static S3Client rawClient() {
    S3Endpoint endpoint = SERVER.endpoint();
    return S3Client.builder()
        .endpointOverride(endpoint.uri())
        .forcePathStyle(true)
        .region(Region.of(endpoint.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoint.accessKeyId(), endpoint.secretAccessKey())))
        .build();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static long readToEnd(SeekableObject object, long from) {
    byte[] buffer = new byte[65_536];
    long position = from;
    for (int n; (n = object.read(position, buffer, 0, buffer.length)) > 0; ) {
      position += n;
    }
    return position;
  }

  @Test
  void listingPagesPastAThousandKeysInKeyOrderAndSkipsFolderMarkers() throws Exception {
    // given: 1,005 objects, uploaded concurrently, and a folder marker
    List<String> keys = IntStream.range(0, 1005).mapToObj(i -> "many/" + i + ".wav").toList();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<ObjectInfo>> uploads =
          keys.stream()
              .map(key -> pool.submit(() -> store().write(uri(key), key.getBytes())))
              .toList();
      for (Future<ObjectInfo> upload : uploads) {
        upload.get();
      }
    } finally {
      pool.shutdown();
    }
    try (S3Client client = rawClient()) {
      client.putObject(
          PutObjectRequest.builder().bucket(bucket).key("many/folder/").build(),
          RequestBody.empty());
    }

    // when
    List<ObjectInfo> listed;
    try (Stream<ObjectInfo> listing = store().list(uri("many/"))) {
      listed = listing.toList();
    }

    // then
    assertThat(listed)
        .extracting(info -> info.uri().key())
        .containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(listed.get(0).sizeBytes()).isEqualTo(listed.get(0).uri().key().length());
    assertThat(listed.get(0).etag()).doesNotContain("\"").isNotEmpty();
  }

  @Test
  void sha256WhileStreamingEqualsTheDigestOfTheBytes() {
    // given
    byte[] bytes = randomBytes(3_000_017, 1);
    ObjectInfo written = store().write(uri("audio/a.wav"), bytes);

    // when
    try (SeekableObject object = store().open(uri("audio/a.wav"))) {
      long end = readToEnd(object, 0);

      // then
      assertThat(end).isEqualTo(bytes.length);
      assertThat(object.sha256()).isEqualTo(Sha256.hex(bytes));
      assertThat(object.info().etag()).isEqualTo(written.etag());
      assertThat(object.info().sizeBytes()).isEqualTo(bytes.length);
    }
  }

  @Test
  void rangedReadsAfterSeeksReturnTheirBytesAndSha256StaysRight() {
    // given
    byte[] bytes = randomBytes(1_000_000, 2);
    store().write(uri("audio/b.m4a"), bytes);

    try (SeekableObject object = store().open(uri("audio/b.m4a"))) {
      // when: the head, a jump to the index at the end, then back to the middle
      byte[] head = new byte[4096];
      int headRead = object.read(0, head, 0, head.length);
      byte[] tail = new byte[2000];
      int tailRead = object.read(998_000, tail, 0, tail.length);
      byte[] middle = new byte[1000];
      int middleRead = object.read(500_000, middle, 0, middle.length);

      // then
      assertThat(head).startsWith(Arrays.copyOf(bytes, headRead));
      assertThat(Arrays.copyOf(tail, tailRead))
          .isEqualTo(Arrays.copyOfRange(bytes, 998_000, 998_000 + tailRead));
      assertThat(Arrays.copyOf(middle, middleRead))
          .isEqualTo(Arrays.copyOfRange(bytes, 500_000, 500_000 + middleRead));
      assertThat(object.read(1_000_000, tail, 0, 1)).isEqualTo(-1);
      assertThat(object.sha256()).isEqualTo(Sha256.hex(bytes));
    }
  }

  @Test
  void multipartWriteOfTwentyMebibytesRoundTrips() {
    // given: a stream longer than two parts, never held whole in memory
    long sizeBytes = 20L * 1024 * 1024 + 12_345;
    StorageUri target = uri("big/twenty.bin");

    // when
    ObjectInfo written = store().write(target, new SeededStream(sizeBytes));

    // then
    assertThat(written.sizeBytes()).isEqualTo(sizeBytes);
    assertThat(written.etag()).endsWith("-3");
    assertThat(store().stat(target)).map(ObjectInfo::sizeBytes).contains(sizeBytes);
    try (SeekableObject object = store().open(target)) {
      assertThat(object.sha256()).isEqualTo(SeededStream.sha256(sizeBytes));
    }
  }

  @Test
  void objectOverwrittenWhileReadingIsBadInput() {
    // given
    byte[] bytes = randomBytes(100_000, 3);
    StorageUri target = uri("audio/changing.wav");
    store().write(target, bytes);
    SeekableObject object = store().open(target);
    object.read(0, new byte[10], 0, 10);

    // when: the object is replaced, then the reader seeks (a new pinned GET)
    store().write(target, randomBytes(100_000, 4));

    // then
    assertThatThrownBy(() -> object.read(50_000, new byte[10], 0, 10))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot read " + target + ": it changed while reading")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.BAD_INPUT);
    object.close();
  }

  @Test
  void missingBucketIsAConfigurationErrorSayingSo() {
    // given
    StorageUri missing = new StorageUri("s3", "nightscribe-no-such-bucket", "day/a.wav");

    // when / then
    assertThatThrownBy(() -> store().open(missing))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot read s3://nightscribe-no-such-bucket/day/a.wav: bucket"
                + " nightscribe-no-such-bucket does not exist (create it or fix the URI)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
    assertThatThrownBy(() -> store().list(missing.resolve("").asPrefix()).toList())
        .hasMessage(
            "Cannot list s3://nightscribe-no-such-bucket/day/a.wav/: bucket"
                + " nightscribe-no-such-bucket does not exist (create it or fix the URI)");
  }

  @Test
  void missingObjectIsBadInputAndStatIsEmpty() {
    StorageUri missing = uri("audio/none.wav");

    assertThat(store().stat(missing)).isEmpty();
    assertThatThrownBy(() -> store().open(missing))
        .isInstanceOf(NightscribeException.class)
        .hasMessage("Cannot read " + missing + ": no such object")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.BAD_INPUT);
  }

  @Test
  void deleteRemovesTheObject() {
    StorageUri target = uri("gone.txt");
    store().write(target, new byte[] {1, 2});

    store().delete(target);

    assertThat(store().stat(target)).isEmpty();
  }

  @Test
  void missingCredentialsAreAConfigurationErrorNamingTheVariables() {
    // given: a client whose only credentials source is empty
    assertThat(System.getProperty("aws.accessKeyId")).isNull();
    S3Client client =
        S3Client.builder()
            .endpointOverride(SERVER.endpoint().uri())
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(SystemPropertyCredentialsProvider.create())
            .build();
    try (S3ObjectStore noCredentials = new S3ObjectStore(client)) {
      // when / then
      assertThatThrownBy(() -> noCredentials.stat(uri("a.wav")))
          .isInstanceOf(NightscribeException.class)
          .hasMessage(
              "Cannot stat "
                  + uri("a.wav")
                  + ": no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                  + " or AWS_PROFILE, or run with a web identity or instance role)")
          .extracting(e -> ((NightscribeException) e).category())
          .isEqualTo(ErrorCategory.CONFIGURATION);
    }
  }

  @Test
  void standardStoresTakeTheEndpointAndCredentialsFromTheAwsSettings() {
    // given: the system-property twins of AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, ...
    S3Endpoint endpoint = SERVER.endpoint();
    Map<String, String> settings =
        Map.of(
            "aws.endpointUrlS3", endpoint.uri().toString(),
            "aws.accessKeyId", endpoint.accessKeyId(),
            "aws.secretAccessKey", endpoint.secretAccessKey(),
            "aws.region", "eu-west-1");
    settings.forEach(System::setProperty);
    try (ObjectStores standard = ObjectStores.standard()) {
      // when
      ObjectStore store = standard.forUri(uri("std.txt"));
      store.write(uri("std.txt"), "standard".getBytes());

      // then: it reached s3proxy (path-style: bucket names are not DNS names there)
      try (SeekableObject object = stores.forUri(uri("std.txt")).open(uri("std.txt"))) {
        assertThat(object.sha256()).isEqualTo(Sha256.hex("standard".getBytes()));
      }
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }

  /** Deterministic pseudo-random bytes of a given length, generated as they are read. */
  private static final class SeededStream extends InputStream {
    private final Random random = new Random(99);
    private final byte[] block = new byte[8192];
    private long remaining;

    SeededStream(long sizeBytes) {
      this.remaining = sizeBytes;
    }

    static String sha256(long sizeBytes) {
      MessageDigest digest = Sha256.newDigest();
      try (SeededStream stream = new SeededStream(sizeBytes)) {
        byte[] buffer = new byte[65_536];
        for (int n; (n = stream.read(buffer, 0, buffer.length)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return Sha256.hex(digest);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(length, block.length), remaining);
      random.nextBytes(block);
      System.arraycopy(block, 0, buffer, offset, n);
      remaining -= n;
      return n;
    }

    @Override
    public void close() {}
  }
}
