//! The patient's voice through the real speech program (flite or espeak-ng,
//! which CI installs): a line written to a WAV file by the same command that
//! speaks it aloud is speech-length audio, not silence.

use bedside::voice::{Backend, Speaker, Voice};

/// Duration in seconds and root-mean-square level (0 to 1) of a 16-bit PCM WAV file.
fn measure(wav: &[u8]) -> (f64, f64) {
    assert_eq!(&wav[0..4], b"RIFF");
    assert_eq!(&wav[8..12], b"WAVE");
    let u16_at = |i: usize| u16::from_le_bytes([wav[i], wav[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([wav[i], wav[i + 1], wav[i + 2], wav[i + 3]]);
    let (mut at, mut rate, mut channels, mut bits) = (12, 0, 0, 0);
    while at + 8 <= wav.len() {
        let (id, len) = (&wav[at..at + 4], u32_at(at + 4) as usize);
        let body = at + 8;
        if id == b"fmt " {
            channels = u16_at(body + 2);
            rate = u32_at(body + 4);
            bits = u16_at(body + 14);
        } else if id == b"data" {
            assert_eq!(bits, 16, "16-bit PCM");
            let data = &wav[body..(body + len).min(wav.len())];
            let samples: Vec<f64> =
                data.chunks_exact(2).map(|s| f64::from(i16::from_le_bytes([s[0], s[1]])) / 32768.0).collect();
            let seconds = samples.len() as f64 / f64::from(rate) / f64::from(channels);
            let rms = (samples.iter().map(|s| s * s).sum::<f64>() / samples.len().max(1) as f64).sqrt();
            return (seconds, rms);
        }
        at = body + len + (len & 1);
    }
    panic!("no data chunk");
}

#[test]
fn a_patients_line_spoken_into_a_wav_file_is_speech_length_audio_not_silence() {
    let speaker = Speaker::find().expect("flite or espeak-ng is installed (the CI script installs flite)");
    let dir = tempfile::tempdir().unwrap();
    let line = "(She grips the sheet.) Forty-five minutes I've been ringing. Nobody came.";
    let mut backends = vec![speaker.clone()];
    // Whichever of the two is also here goes through its own arguments too.
    for (backend, name) in [(Backend::Flite, "flite"), (Backend::EspeakNg, "espeak-ng")] {
        if backend != speaker.backend
            && let Ok(out) = std::process::Command::new("which").arg(name).output()
            && out.status.success()
        {
            let program = String::from_utf8_lossy(&out.stdout).trim().into();
            backends.push(Speaker { backend, program });
        }
    }
    for s in backends {
        for voice in [Voice { woman: true, age: 84 }, Voice { woman: false, age: 34 }] {
            let wav = dir.path().join(format!("{}-{}.wav", s.name(), voice.age));
            s.to_wav(voice, line, &wav).unwrap();
            let (seconds, rms) = measure(&std::fs::read(&wav).unwrap());
            // Eleven words: a few seconds of speech, not a blip and not a minute.
            assert!((1.5..12.0).contains(&seconds), "{} {voice:?}: {seconds:.2} s", s.name());
            assert!(rms > 0.01, "{} {voice:?}: silence (rms {rms:.4})", s.name());
        }
    }
}
