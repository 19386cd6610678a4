//! WAV decode/encode, sync (for small buffers) and as `AsyncTask`s that run on the libuv pool.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use remotemedia_audio::AudioBuffer;
use remotemedia_format::{Dither, wav};
use remotemedia_napi_support::{compute, guard, settle};

#[napi(object)]
pub struct DecodedWav {
    pub samples: Float32Array,
    pub sample_rate: u32,
    pub channels: u32,
    /// `'u8' | 's16' | 's24' | 's32' | 'f32'`, or `'s20'`-style for unusual bit depths.
    pub format: String,
}

fn to_js(decoded: wav::DecodedWav) -> DecodedWav {
    DecodedWav {
        format: decoded.format.name(),
        sample_rate: decoded.audio.sample_rate,
        channels: u32::from(decoded.audio.channels),
        samples: Float32Array::new(decoded.audio.samples),
    }
}

/// How `encodeWav` and `encodeWavAsync` write their samples.
struct Encoding {
    sample_rate: u32,
    channels: u32,
    format: String,
    dither: bool,
    seed: Option<i64>,
}

impl Encoding {
    fn encode(&self, samples: Vec<f32>) -> remotemedia_audio::Result<Vec<u8>> {
        let channels = remotemedia_audio::validate_channels(self.channels)?;
        let audio = AudioBuffer {
            samples,
            sample_rate: self.sample_rate,
            channels,
        };
        let mut d = self
            .dither
            .then(|| Dither::new(self.seed.map(|s| s as u64)));
        wav::encode(&audio, wav::WavFormat::parse(&self.format)?, d.as_mut())
    }
}

#[napi(catch_unwind)]
pub fn decode_wav(input: &[u8]) -> remotemedia_napi_support::Result<DecodedWav> {
    guard(|| wav::decode(input)).map(to_js)
}

#[napi(catch_unwind)]
pub fn encode_wav(
    samples: &[f32],
    sample_rate: u32,
    channels: u32,
    format: String,
    dither: bool,
    seed: Option<i64>,
) -> remotemedia_napi_support::Result<Buffer> {
    let encoding = Encoding {
        sample_rate,
        channels,
        format,
        dither,
        seed,
    };
    guard(|| encoding.encode(samples.to_vec())).map(Buffer::from)
}

pub struct DecodeWavTask {
    input: Uint8Array,
}

impl Task for DecodeWavTask {
    type Output = remotemedia_audio::Result<wav::DecodedWav>;
    type JsValue = DecodedWav;

    fn compute(&mut self) -> Result<Self::Output> {
        compute(|| wav::decode(&self.input))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        settle(&env, output).map(to_js)
    }
}

/// Decodes on the libuv thread pool. The input must not be modified until the promise settles.
#[napi(catch_unwind)]
pub fn decode_wav_async(input: Uint8Array) -> AsyncTask<DecodeWavTask> {
    AsyncTask::new(DecodeWavTask { input })
}

pub struct EncodeWavTask {
    samples: Float32Array,
    encoding: Encoding,
}

impl Task for EncodeWavTask {
    type Output = remotemedia_audio::Result<Vec<u8>>;
    type JsValue = Buffer;

    fn compute(&mut self) -> Result<Self::Output> {
        let samples = self.samples.to_vec();
        compute(|| self.encoding.encode(samples))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        settle(&env, output).map(Buffer::from)
    }
}

/// Encodes on the libuv thread pool. The samples must not be modified until the promise settles.
#[napi(catch_unwind)]
pub fn encode_wav_async(
    samples: Float32Array,
    sample_rate: u32,
    channels: u32,
    format: String,
    dither: bool,
    seed: Option<i64>,
) -> AsyncTask<EncodeWavTask> {
    AsyncTask::new(EncodeWavTask {
        samples,
        encoding: Encoding {
            sample_rate,
            channels,
            format,
            dither,
            seed,
        },
    })
}
