# The native CPU kernel addon (N-API via node-addon-api). Built by `npm install` (scripts/build-kernel.mjs).
{
  'includes': ['src-main/kernel/gemm/gemm.gypi'],
  'targets': [
    {
      'target_name': 'rnnlab_kernel',
      'dependencies': ['rnnlab_gemm'],
      'sources': [
        'src-main/kernel/src/binding.cpp',
        'src-main/kernel/src/model.cpp',
        'src-main/kernel/src/scan_forward.cpp',
        'src-main/kernel/src/scan_backward.cpp',
        'src-main/kernel/src/head.cpp',
        'src-main/kernel/src/jordan.cpp',
        'src-main/kernel/src/gated.cpp',
        'src-main/kernel/src/network.cpp',
        'src-main/kernel/src/pass.cpp',
      ],
      'include_dirs': ["<!(node -p \"require('node-addon-api').include_dir\")", 'src-main/kernel/gemm', 'src-main/kernel/src'],
      'defines': ['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS'],
      'cflags!': ['-fno-exceptions'],
      'cflags_cc!': ['-fno-exceptions'],
      # -fno-trapping-math lets the branch-free float math of fastmath.h vectorise (we never enable FP traps);
      # neither flag changes IEEE results. No -march: wider SIMD lives in the GEMM's dispatched targets.
      'cflags_cc': ['-O3', '-std=c++17', '-fno-trapping-math', '-fno-math-errno'],
      'xcode_settings': { 'GCC_ENABLE_CPP_EXCEPTIONS': 'YES', 'CLANG_CXX_LANGUAGE_STANDARD': 'c++17', 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-fno-trapping-math', '-fno-math-errno'] },
      'msvs_settings': { 'VCCLCompilerTool': { 'ExceptionHandling': 1, 'Optimization': 2, 'AdditionalOptions': ['/std:c++17'] } },
    },
  ],
}
