//! Stages run one after the other as one [`Stage`], with node indices counted across all of them:
//! a package's own [`crate::Chain`] first, then the stages other packages exported to it. Each
//! stage reads its upstream stage's tail output in place, so a frame crosses into Rust once.

use remotemedia_audio::{AudioError, Result};

use crate::chain::{Chain, NodeStats};
use crate::node::Frame;
use crate::stage::{OutputView, Stage, StageResult};

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    /// Global index of each stage's first node.
    offsets: Vec<usize>,
    len: usize,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("stages", &self.stages.len())
            .field("nodes", &self.len)
            .finish()
    }
}

impl Pipeline {
    pub fn new(head: Chain) -> Self {
        let len = head.len();
        Self {
            stages: vec![Box::new(head)],
            offsets: vec![0],
            len,
        }
    }

    /// Appends `stage`: its first node takes the current tail's output.
    pub fn attach(&mut self, stage: Box<dyn Stage>) {
        self.offsets.push(self.len);
        self.len += stage.len();
        self.stages.push(stage);
    }

    pub fn stage_count(&self) -> usize {
        self.stages.len()
    }

    /// The stage holding global node `index`, and the node's index within it.
    fn locate(&self, index: usize) -> Result<(&dyn Stage, usize)> {
        if index >= self.len {
            return Err(AudioError::invalid_input(format!(
                "node index {index} is outside the chain"
            )));
        }
        let k = self.offsets.partition_point(|&o| o <= index) - 1;
        Ok((&*self.stages[k], index - self.offsets[k]))
    }
}

impl Stage for Pipeline {
    fn len(&self) -> usize {
        self.len
    }

    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> StageResult {
        for k in 0..self.stages.len() {
            let (before, rest) = self.stages.split_at_mut(k);
            let upstream = match before.last() {
                None => input,
                Some(prev) => {
                    let tail = prev.len() - 1;
                    let view = prev.output(tail).map_err(|e| (self.offsets[k] - 1, e))?;
                    view.frame()
                }
            };
            let offset = self.offsets[k];
            rest[0]
                .run(upstream, flushing)
                .map_err(|(i, e)| (offset + i, e))?;
        }
        Ok(())
    }

    fn reset(&mut self) -> Result<()> {
        self.stages.iter_mut().try_for_each(|s| s.reset())
    }

    fn output(&self, index: usize) -> Result<OutputView<'_>> {
        let (stage, local) = self.locate(index)?;
        stage.output(local)
    }

    fn json(&self, index: usize) -> Result<String> {
        let (stage, local) = self.locate(index)?;
        stage.json(local)
    }

    fn stats(&self, out: &mut [NodeStats]) -> Result<()> {
        for (stage, &offset) in self.stages.iter().zip(&self.offsets) {
            if offset >= out.len() {
                break;
            }
            let end = (offset + stage.len()).min(out.len());
            stage.stats(&mut out[offset..end])?;
        }
        Ok(())
    }
}
